// pdfmake 0.3.11 ships no types (and @types/pdfmake describes 0.2). Only what gapmap calls is
// declared; the shape is PdfMake in src/core/export/pdf/render-report-pdf.ts.
declare module 'pdfmake' {
  const pdfmake: import('../core/export/pdf/render-report-pdf.ts').PdfMake;
  export default pdfmake;
}
declare module 'pdfmake/build/pdfmake.js' {
  const pdfmake: import('../core/export/pdf/render-report-pdf.ts').PdfMake;
  export default pdfmake;
}
