// A basemap URL is checked wherever it comes from (the Settings dialog, a stored session, a
// session file) before MapLibre ever sees it: https only (no http, javascript:, data:…), a URL the
// browser parses, no user name or password in it, no spaces or control characters, at most
// 2,048 characters, and a tile template with {z}, {x} and {y}.
export type BasemapUrlCheck = { ok: true; url: string } | { ok: false; reason: 'not-https' | 'not-a-url' | 'not-a-template' | 'too-long' };

const BASEMAP_URL_MAX_CHARS = 2048;

export function validateBasemapUrl(value: unknown): BasemapUrlCheck {
  if (typeof value !== 'string') return { ok: false, reason: 'not-a-url' };
  const url = value.trim();
  if (url.length > BASEMAP_URL_MAX_CHARS) return { ok: false, reason: 'too-long' };
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\s\u0000-\u001f\u007f]/.test(url)) return { ok: false, reason: 'not-a-url' };
  if (!/^https:\/\//i.test(url)) return { ok: false, reason: 'not-https' };
  let parsed: URL;
  try {
    // The placeholders are not valid in a host name: parse with them filled in.
    parsed = new URL(url.replace(/\{[xyz]\}/g, '0'));
  } catch {
    return { ok: false, reason: 'not-a-url' };
  }
  if (parsed.protocol !== 'https:' || !parsed.hostname || parsed.username || parsed.password) return { ok: false, reason: 'not-a-url' };
  if (!['{z}', '{x}', '{y}'].every((placeholder) => url.includes(placeholder))) return { ok: false, reason: 'not-a-template' };
  return { ok: true, url };
}
