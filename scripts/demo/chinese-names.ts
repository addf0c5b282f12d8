// Made-up but natural-looking Chinese place names for villages, communities and facilities.
import type { Random } from './seeded-random.ts';

const FIRST = '云龙凤玉金银青白红黄绿东西南北上下中大小新老高平安和兴福寿长宁永清明春秋山水石松柏梅兰竹桃李杨柳田河湖溪泉塘坝营村街坡岭岗箐沟'.split('');
const SECOND = '山水河溪湖海坝田村寨营屯庄园林坡岭岗湾洲桥门关口塘泉井街城华兴安和平宁康乐福源峰坪阳明光'.split('');

/** Hands out distinct two-character names. */
export function createNameSource(random: Random): (suffix: string) => string {
  const used = new Set<string>();
  return (suffix) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const name = random.pick(FIRST) + random.pick(SECOND) + suffix;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
    // fall back to three characters
    for (;;) {
      const name = random.pick(FIRST) + random.pick(SECOND) + random.pick(SECOND) + suffix;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}
