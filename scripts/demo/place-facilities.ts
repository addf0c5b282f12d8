// The facility layers, placed where people are and given the attributes the plan's rules read.
// Designed to be plausible, not all-pass (see data/demo/README.md for the intended outcome):
// regional elder-care centres in half the townships, nursery places ≈ 3.6 per 1,000, one county
// without a disability-care institution, ~93% inclusive kindergartens, day care reaching ~82% of
// urban communities, broadcast terminals reaching most but not all key places, …
import type { PopulationBuild } from './build-population.ts';
import { createNameSource } from './chinese-names.ts';
import type { GeneratedPlace } from './place-targets.ts';
import type { RegionLayout, TownshipSpec } from './region-layout.ts';
import { allocateIntegers } from './allocate-integers.ts';
import type { LocationSampler } from './sample-locations.ts';
import { createRandom, hashSeed, type Random } from './seeded-random.ts';

export interface GeneratedFacility {
  id: string;
  type: string;
  name: string;
  x: number;
  y: number;
  township: number;
  capacity?: number;
  properties: Record<string, unknown>;
}

export interface FacilityOptions {
  seed: number;
  layout: RegionLayout;
  townships: TownshipSpec[];
  countyOfTownship: number[];
  townshipSeats: Array<[number, number]>;
  population: PopulationBuild;
  places: GeneratedPlace[];
  sampler: LocationSampler;
  /** Exact total wanted (the benchmark's region); extra or fewer broadcast terminals make it up. */
  facilityCount?: number;
  /** County (code) without a county-level disability-care institution. */
  countyWithoutDisabilityCare?: string;
}

/** Nursery places per 1,000 people the demo is built around (the plan's target is 4.5). */
const NURSERY_PLACES_PER_THOUSAND = 3.6;

function shortTownshipName(name: string): string {
  return name.replace(/((彝族|傣族|苗族|蒙古族|哈尼族)+)?(街道|镇|乡)$/u, '');
}

export function shortCountyName(name: string): string {
  return name.replace(/((彝族|傣族|苗族|哈尼族)+)自治县$/u, '县');
}

/** Picks `count` distinct indices from `pool`, each with probability ∝ weight (without replacement). */
function pickWeighted(pool: number[], weight: (i: number) => number, count: number, random: Random): number[] {
  const keyed = pool.map((i) => ({ i, key: Math.log(Math.max(random.next(), 1e-12)) / Math.max(weight(i), 1e-9) }));
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  return keyed.slice(0, count).map((k) => k.i);
}

export function placeFacilities(options: FacilityOptions): GeneratedFacility[] {
  const { layout, townships, countyOfTownship, townshipSeats, population, places, sampler } = options;
  const random = createRandom(hashSeed(options.seed, 'facilities'));
  const names = createNameSource(random);
  const facilities: GeneratedFacility[] = [];
  const counters = new Map<string, number>();
  const add = (type: string, name: string, point: [number, number], township: number, properties: Record<string, unknown>, capacity?: number): GeneratedFacility => {
    const count = (counters.get(type) ?? 0) + 1;
    counters.set(type, count);
    const facility: GeneratedFacility = { id: `${type}-${String(count).padStart(4, '0')}`, type, name, x: point[0], y: point[1], township, capacity, properties };
    facilities.push(facility);
    return facility;
  };
  const countyTownships = layout.counties.map((_, c) => townships.map((_, t) => t).filter((t) => countyOfTownship[t] === c));
  const seatTownship = countyTownships.map((list) => list[0]);
  const countyShort = layout.counties.map((c) => shortCountyName(c.name));
  const tName = (t: number): string => shortTownshipName(townships[t].name);
  const nearSeat = (t: number): [number, number] => sampler.near(t, townshipSeats[t][0], townshipSeats[t][1], 100, 900, random);
  const populationOf = (t: number): number => population.townshipPopulation[t];
  const townshipCount = townships.length;
  const rural = (t: number): boolean => !townships[t].urban;
  const withoutDisability = options.countyWithoutDisabilityCare ?? layout.counties[layout.counties.length - 1].code;

  // --- county level ------------------------------------------------------------------------
  layout.counties.forEach((county, c) => {
    const t = seatTownship[c];
    const name = countyShort[c];
    if (county.code !== withoutDisability) {
      add('county-disability-care', `${name}失能照护服务中心`, sampler.inTownship(t, random, 2), t, { level: 'county' }, random.int(6, 15) * 10);
    }
    add('county-destitute-care', `${name}特困人员供养服务中心`, sampler.inTownship(t, random, 2), t, { level: 'county' }, random.int(5, 12) * 10);
    add('minor-protection-platform', `${name}未成年人救助保护中心`, sampler.inTownship(t, random, 2), t, { level: 'county' });
    if (c === 0) add('minor-protection-platform', `${layout.cityName}未成年人救助保护中心`, sampler.inTownship(t, random, 2), t, { level: 'city' });
    const schools = c === 0 ? 4 : county.population > 200000 ? 3 : 2;
    for (let s = 0; s < schools; s++) {
      const where = s === 0 ? t : random.next() < 0.6 ? t : random.pick(countyTownships[c]);
      const label = s === 0 ? `${name}第一中学` : `${name}${names('中学')}`;
      add('high-school', label, sampler.inTownship(where, random, 2), where, { first_class: s === 0 || (c === 0 && s === 1) }, random.int(15, 45) * 100);
    }
    add('special-ed-resource-centre', `${name}特殊教育资源中心`, sampler.inTownship(t, random, 2), t, { level: 'county' });
  });
  // more special-education resource rooms in the most populous townships (31 in all for the demo)
  const specialRooms = Math.round(townshipCount * 0.29);
  const byPopulation = townships.map((_, t) => t).sort((a, b) => populationOf(b) - populationOf(a) || a - b);
  for (const t of byPopulation.slice(0, specialRooms)) {
    add('special-ed-resource-centre', `${tName(t)}${names('小学')}特殊教育资源教室`, sampler.inTownship(t, random, 1.5), t, { level: 'school' });
  }

  // hospitals: each county a people's hospital (general, grade II) and a TCM hospital; the city
  // adds two grade-III hospitals; two private general hospitals. Geriatrics in ~75% of the
  // grade-II+ general ones (target 70% passes); "five centres" missing in two county hospitals.
  const countyCount = layout.counties.length;
  const noGeriatrics = new Set([Math.floor(countyCount * 0.55), Math.floor(countyCount * 0.85)]);
  const noFiveCentres = new Set([Math.floor(countyCount * 0.35), countyCount - 1]);
  // Paediatricians: a people's hospital has 0.6–0.9 per 1,000 of its county's children, the TCM
  // and private ones a few, the city's hospitals 44 in 红塔区: the city ends near 0.9 per 1,000
  // children (target 1.0 fails modestly), 红塔区 passes.
  layout.counties.forEach((county, c) => {
    const t = seatTownship[c];
    const name = countyShort[c];
    const children = (county.population * county.percentAged0To14) / 100;
    add('hospital', `${name}人民医院`, sampler.inTownship(t, random, 2), t, {
      grade: '二级', general: true, geriatrics: !noGeriatrics.has(c), five_centres: !noFiveCentres.has(c), county_public: true,
      paediatricians: Math.max(6, Math.round((children / 1000) * random.range(0.6, 0.9))),
    }, random.int(30, 90) * 10);
    add('hospital', `${name}中医医院`, sampler.inTownship(t, random, 2), t, {
      grade: '二级', general: false, geriatrics: false, five_centres: true, county_public: true, paediatricians: random.int(1, 5),
    }, random.int(15, 40) * 10);
  });
  const cityTownship = seatTownship[0];
  add('hospital', `${layout.cityName}人民医院`, sampler.inTownship(cityTownship, random, 2), cityTownship, {
    grade: '三级', general: true, geriatrics: true, five_centres: true, county_public: false, paediatricians: 38,
  }, 1500);
  add('hospital', `${layout.cityName}中医医院`, sampler.inTownship(cityTownship, random, 2), cityTownship, {
    grade: '三级', general: false, geriatrics: true, five_centres: false, county_public: false, paediatricians: 6,
  }, 700);
  for (let k = 0; k < Math.max(2, Math.round(countyCount / 4.5)); k++) {
    const c = k === 0 ? 0 : Math.min(countyCount - 1, 2 * k);
    const t = random.pick(countyTownships[c].filter((x) => townships[x].urban).concat(seatTownship[c]));
    add('hospital', `${countyShort[c]}${names('医院')}`, sampler.inTownship(t, random, 1.5), t, {
      grade: '二级', general: true, geriatrics: k % 2 === 0, five_centres: false, county_public: false, paediatricians: random.int(2, 8),
    }, random.int(10, 30) * 10);
  }

  // township health centres: every rural township; central ones (one per county, two in big ones)
  const healthCentres: GeneratedFacility[] = [];
  townships.forEach((township, t) => {
    if (township.urban) return;
    healthCentres.push(add('township-health-centre', `${tName(t)}${township.type === '街道' ? '街道' : township.type}卫生院`, nearSeat(t), t, {
      central: false, meets_basic: true, meets_recommended: false,
    }, random.int(2, 10) * 10));
  });
  const centralCentres: GeneratedFacility[] = [];
  layout.counties.forEach((county, c) => {
    const candidates = healthCentres.filter((h) => countyOfTownship[h.township] === c).sort((a, b) => populationOf(b.township) - populationOf(a.township));
    candidates.slice(0, county.areaKm2 > 1500 ? 2 : 1).forEach((h) => {
      h.properties.central = true;
      h.name = h.name.replace('卫生院', '中心卫生院');
      centralCentres.push(h);
    });
  });
  // ≥ 70% of central ones meet the recommended standard (passes); two centres miss the basic one (fails)
  const recommended = Math.ceil(centralCentres.length * 0.75);
  pickWeighted(centralCentres.map((_, k) => k), () => 1, recommended, random).forEach((k) => (centralCentres[k].properties.meets_recommended = true));
  pickWeighted(healthCentres.map((_, k) => k), () => 1, Math.max(1, Math.round(healthCentres.length * 0.04)), random).forEach((k) => {
    healthCentres[k].properties.meets_basic = false;
    healthCentres[k].properties.meets_recommended = false;
  });

  // culture centres: every township
  townships.forEach((township, t) => {
    add('culture-centre', `${tName(t)}${township.type === '街道' ? '街道' : township.type}综合文化站`, nearSeat(t), t, { level: 'township' });
  });

  // --- elder care ------------------------------------------------------------------------------
  // regional centres with comprehensive functions in half the townships (target ≥ 60% fails)
  const withCentre = pickWeighted(townships.map((_, t) => t), (t) => (townships[t].type === '镇' ? 1.6 : townships[t].urban ? 0.5 : 1), Math.round(townshipCount * 0.5), random);
  const centreSet = new Set(withCentre);
  for (const t of [...withCentre].sort((a, b) => a - b)) {
    add('elder-regional-centre', `${tName(t)}区域性养老服务中心`, nearSeat(t), t, { comprehensive: true }, random.int(3, 10) * 10);
  }
  // a few without comprehensive functions where there is no comprehensive one (a filter must matter)
  const others = townships.map((_, t) => t).filter((t) => !centreSet.has(t) && rural(t));
  for (const t of pickWeighted(others, () => 1, Math.max(1, Math.round(townshipCount * 0.04)), random).sort((a, b) => a - b)) {
    add('elder-regional-centre', `${tName(t)}养老服务站`, nearSeat(t), t, { comprehensive: false }, random.int(1, 3) * 10);
  }
  // elder institutions: nursing-type beds ≈ 52% of beds (target 55% fails)
  const institutions: GeneratedFacility[] = [];
  layout.counties.forEach((county, c) => {
    const count = Math.max(2, Math.round(county.population / 60000));
    for (let k = 0; k < count; k++) {
      const t = k === 0 ? seatTownship[c] : random.pick(countyTownships[c]);
      const beds = random.int(6, 40) * 10;
      const f = add('elder-institution', `${tName(t)}${names('养老院')}`, sampler.inTownship(t, random, 1), t, { beds, nursing_beds: 0, public: random.next() < 0.5 }, beds);
      institutions.push(f);
    }
  });
  const totalBeds = institutions.reduce((sum, f) => sum + (f.properties.beds as number), 0);
  const nursing = allocateIntegers(
    Math.round(totalBeds * 0.52),
    institutions.map(() => random.range(0.3, 1)),
    institutions.map((f) => f.properties.beds as number),
  );
  institutions.forEach((f, k) => (f.properties.nursing_beds = nursing[k]));
  // day care: urban communities reached within 1,000 m up to ~82% (target 90% fails), plus rural ones
  const communities = places.filter((p) => p.kind === 'urban-community');
  const isCovered = new Uint8Array(communities.length);
  let coveredCount = 0;
  const order = pickWeighted(communities.map((_, k) => k), () => 1, communities.length, random);
  for (const k of order) {
    if (coveredCount >= Math.ceil(communities.length * 0.82)) break;
    if (isCovered[k]) continue;
    const community = communities[k];
    const point = sampler.near(community.township, community.x, community.y, 80, 450, random);
    add('elder-daycare', `${community.name}日间照料中心`, point, community.township, { community: community.name }, random.int(2, 6) * 10);
    communities.forEach((other, m) => {
      if (!isCovered[m] && Math.hypot(other.x - point[0], other.y - point[1]) <= 1000) {
        isCovered[m] = 1;
        coveredCount++;
      }
    });
  }
  townships.forEach((township, t) => {
    if (township.type === '镇' && random.next() < 0.5) add('elder-daycare', `${tName(t)}镇日间照料中心`, nearSeat(t), t, {}, random.int(1, 4) * 10);
  });

  // --- children and schools --------------------------------------------------------------------
  // nursery places: ≈ 3.6 per 1,000 people in all (target 4.5 fails), varying by county
  const totalPopulation = layout.counties.reduce((sum, c) => sum + c.population, 0);
  const countyPlaces = allocateIntegers(
    Math.round((totalPopulation * NURSERY_PLACES_PER_THOUSAND) / 1000),
    layout.counties.map((c, k) => c.population * (k === 0 ? 1.25 : random.range(0.65, 1.2))),
  );
  // four public nurseries (target ≥ 3 passes): at the seats of the four most populous counties
  const publicCounties = new Set(layout.counties.map((c, k) => ({ k, people: c.population })).sort((a, b) => b.people - a.people || a.k - b.k).slice(0, 4).map((x) => x.k));
  layout.counties.forEach((_, c) => {
    const count = Math.max(1, Math.round(countyPlaces[c] / 95));
    const capacities = allocateIntegers(countyPlaces[c], Array.from({ length: count }, () => random.range(0.4, 1.6)));
    for (let k = 0; k < count; k++) {
      const t = k === 0 ? seatTownship[c] : pickWeighted(countyTownships[c], populationOf, 1, random)[0];
      const isPublic = k === 0 && publicCounties.has(c);
      add('nursery', `${tName(t)}${names(isPublic ? '公办托育园' : '托育园')}`, sampler.inTownship(t, random, 1.5), t, { public: isPublic }, capacities[k]);
    }
  });
  // kindergartens: about one per 6,000 people; ≈ 93% inclusive (target 92% passes)
  const kindergartens: GeneratedFacility[] = [];
  townships.forEach((_, t) => {
    const count = Math.max(1, Math.round(populationOf(t) / 6000));
    for (let k = 0; k < count; k++) {
      kindergartens.push(add('kindergarten', `${tName(t)}${names('幼儿园')}`, sampler.inTownship(t, random, 1.3), t, { inclusive: true, public: random.next() < 0.55 }, random.int(3, 15) * 30));
    }
  });
  pickWeighted(kindergartens.map((_, k) => k), (k) => (townships[kindergartens[k].township].urban ? 3 : 1), Math.round(kindergartens.length * 0.07), random).forEach((k) => {
    kindergartens[k].properties.inclusive = false;
    kindergartens[k].properties.public = false;
  });

  // --- emergency broadcasting --------------------------------------------------------------------
  // most disaster-prone villages and resettlement sites get a terminal in earshot; a few do not
  const keyPlaces = places.filter((p) => p.kind === 'disaster-prone-village' || p.kind === 'resettlement-site');
  const missed = new Set(pickWeighted(keyPlaces.map((_, k) => k), (k) => (keyPlaces[k].kind === 'resettlement-site' ? 0.5 : 1), Math.max(1, Math.round(keyPlaces.length * 0.08)), random));
  const missedPoints = keyPlaces.filter((_, k) => missed.has(k));
  const farFromMissed = (x: number, y: number): boolean => missedPoints.every((p) => Math.hypot(p.x - x, p.y - y) > 700);
  const terminal = (point: [number, number], t: number, radius: number, site?: string): void => {
    add('broadcast-terminal', `${tName(t)}应急广播终端${String((counters.get('broadcast-terminal') ?? 0) + 1).padStart(4, '0')}`, point, t, { audible_radius_m: radius, ...(site ? { site } : {}) });
  };
  keyPlaces.forEach((place, k) => {
    if (missed.has(k)) return;
    const radius = random.int(6, 10) * 50;
    terminal(sampler.near(place.township, place.x, place.y, 30, radius * 0.6, random), place.township, radius, place.name);
  });
  const generalTerminal = (t: number, power: number): boolean => {
    const point = power > 1 ? nearSeat(t) : sampler.inTownship(t, random, power);
    if (!farFromMissed(point[0], point[1])) return false;
    terminal(point, t, random.int(6, 10) * 50);
    return true;
  };
  townships.forEach((_, t) => {
    generalTerminal(t, 2);
    const extra = Math.round(sampler.cellsOf(t).length / 150);
    for (let k = 0; k < extra; k++) generalTerminal(t, 0.3);
  });
  if (options.facilityCount !== undefined) {
    const cumulative = new Float64Array(townshipCount);
    let sum = 0;
    townships.forEach((_, t) => (cumulative[t] = sum += populationOf(t)));
    for (let guard = 0; facilities.length < options.facilityCount && guard < options.facilityCount * 4; guard++) {
      const target = random.next() * sum;
      let low = 0;
      let high = townshipCount - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (cumulative[mid] < target) low = mid + 1;
        else high = mid;
      }
      generalTerminal(low, 0.3);
    }
    if (facilities.length > options.facilityCount) {
      // drop general terminals (those without a site) from the end
      for (let k = facilities.length - 1; k >= 0 && facilities.length > options.facilityCount; k--) {
        if (facilities[k].type === 'broadcast-terminal' && facilities[k].properties.site === undefined) facilities.splice(k, 1);
      }
    }
  }
  return facilities;
}
