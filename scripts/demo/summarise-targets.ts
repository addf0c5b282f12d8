// The demo's figures against the plan's targets, computed directly from the generated layers
// (attribute counts; reach by geodesic distance on WGS84 with GeographicLib). Printed by the
// generator and written into data/demo/README.md, so the intended passes and fails are visible.
import geographiclib from 'geographiclib-geodesic';
import type { Dataset, Facility, TargetPlace } from '../../src/core/types.ts';

export interface TargetFigure {
  id: string;
  target: string;
  value: string;
  pass: boolean;
}

const geodesic = geographiclib.Geodesic.WGS84;

function reachedShare(places: TargetPlace[], facilities: Facility[], radius: (f: Facility) => number): { reached: number; total: number } {
  let reached = 0;
  for (const place of places) {
    const hit = facilities.some((f) => {
      const r = radius(f);
      if (Math.abs(f.lat - place.lat) * 111000 > r + 50 || Math.abs(f.lon - place.lon) * 101000 > r + 50) return false;
      return (geodesic.Inverse(place.lat, place.lon, f.lat, f.lon).s12 ?? Infinity) <= r;
    });
    if (hit) reached++;
  }
  return { reached, total: places.length };
}

const pct = (a: number, b: number): string => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;

export function summariseTargets(dataset: Dataset): TargetFigure[] {
  const of = (type: string): Facility[] => dataset.facilities.filter((f) => f.type === type);
  const yes = (value: unknown): boolean => value === true;
  const townshipsWith = (list: Facility[]): number => new Set(list.map((f) => f.properties.township_code)).size;
  const countiesWith = (list: Facility[]): number => new Set(list.map((f) => f.properties.county_code)).size;
  const townshipCount = dataset.townships.length;
  const countyCount = dataset.counties.length;
  let population = 0;
  for (let i = 0; i < dataset.population.population.length; i++) population += dataset.population.population[i];
  const figures: TargetFigure[] = [];
  const add = (id: string, target: string, value: string, pass: boolean): void => {
    figures.push({ id, target, value, pass });
  };

  const centres = townshipsWith(of('elder-regional-centre').filter((f) => yes(f.properties.comprehensive)));
  add('elder.regional-centre', '≥ 60% of townships', `${centres}/${townshipCount} = ${pct(centres, townshipCount)}`, centres / townshipCount >= 0.6);
  const disability = countiesWith(of('county-disability-care'));
  const destitute = countiesWith(of('county-destitute-care'));
  add('elder.county-disability-care', '100% of counties (both kinds)', `disability ${disability}/${countyCount}, destitute ${destitute}/${countyCount}`, disability === countyCount && destitute === countyCount);
  const daycare = reachedShare(dataset.places.filter((p) => p.kind === 'urban-community'), of('elder-daycare'), () => 1000);
  add('elder.urban-daycare', '≥ 90% of urban communities within 1,000 m', `${daycare.reached}/${daycare.total} = ${pct(daycare.reached, daycare.total)}`, daycare.reached / daycare.total >= 0.9);
  const beds = of('elder-institution').reduce((sum, f) => sum + Number(f.properties.beds), 0);
  const nursing = of('elder-institution').reduce((sum, f) => sum + Number(f.properties.nursing_beds), 0);
  add('elder.nursing-beds', 'nursing beds ≥ 55%', `${nursing}/${beds} = ${pct(nursing, beds)}`, nursing / beds >= 0.55);
  const generalHospitals = of('hospital').filter((f) => yes(f.properties.general) && (f.properties.grade === '二级' || f.properties.grade === '三级'));
  const geriatrics = generalHospitals.filter((f) => yes(f.properties.geriatrics)).length;
  add('elder.geriatrics', '≥ 70% of grade-II+ general hospitals', `${geriatrics}/${generalHospitals.length} = ${pct(geriatrics, generalHospitals.length)}`, geriatrics / generalHospitals.length >= 0.7);
  const places = of('nursery').reduce((sum, f) => sum + (f.capacity ?? 0), 0);
  add('child.nursery-places', '≥ 4.5 places per 1,000 people', `${places} places / ${population} people = ${((1000 * places) / population).toFixed(2)}`, (1000 * places) / population >= 4.5);
  const publicNurseries = of('nursery').filter((f) => yes(f.properties.public)).length;
  add('child.public-nurseries', '≥ 3 public nurseries', String(publicNurseries), publicNurseries >= 3);
  const platforms = of('minor-protection-platform');
  const countyPlatforms = countiesWith(platforms.filter((f) => f.properties.level === 'county'));
  const cityPlatform = platforms.some((f) => f.properties.level === 'city');
  add('child.protection-platform', 'city platform + every county', `city ${cityPlatform ? 1 : 0}, counties ${countyPlatforms}/${countyCount}`, cityPlatform && countyPlatforms === countyCount);
  const lowVaccination = dataset.townships.filter((t) => Number(t.properties.vaccination_rate) < 90);
  add('child.vaccination', '≥ 90% in every township', `${townshipCount - lowVaccination.length}/${townshipCount} (below: ${lowVaccination.map((t) => `${t.name} ${String(t.properties.vaccination_rate)}%`).join(', ')})`, lowVaccination.length === 0);
  const paediatricians = of('hospital').reduce((sum, f) => sum + Number(f.properties.paediatricians ?? 0), 0);
  const children = dataset.population.cohorts.age0_14?.reduce((sum, v) => sum + v, 0) ?? 0;
  add('child.paediatricians', '≥ 1.0 paediatricians per 1,000 children (0–14)', `${paediatricians} / ${children} children = ${((1000 * paediatricians) / Math.max(children, 1)).toFixed(2)}`, (1000 * paediatricians) / children >= 1);
  const kindergartens = of('kindergarten');
  const inclusive = kindergartens.filter((f) => yes(f.properties.inclusive)).length;
  add('edu.inclusive-kindergarten', '≥ 92% inclusive', `${inclusive}/${kindergartens.length} = ${pct(inclusive, kindergartens.length)}`, inclusive / kindergartens.length >= 0.92);
  const firstClass = countiesWith(of('high-school').filter((f) => yes(f.properties.first_class)));
  add('edu.county-highschool', 'first-class high school in 100% of counties', `${firstClass}/${countyCount}`, firstClass === countyCount);
  const specialEd = of('special-ed-resource-centre').length;
  add('edu.special-ed-centres', '43 centres (rooms)', String(specialEd), specialEd >= 43);
  const clinics = of('township-health-centre');
  const basic = clinics.filter((f) => yes(f.properties.meets_basic)).length;
  const central = clinics.filter((f) => yes(f.properties.central));
  const recommended = central.filter((f) => yes(f.properties.meets_recommended)).length;
  add('health.township-clinics', '100% basic; ≥ 70% of central recommended', `basic ${basic}/${clinics.length} = ${pct(basic, clinics.length)}; recommended ${recommended}/${central.length} = ${pct(recommended, central.length)}`, basic === clinics.length && recommended / central.length >= 0.7);
  const countyPublic = of('hospital').filter((f) => yes(f.properties.county_public));
  const fiveCentres = countyPublic.filter((f) => yes(f.properties.five_centres)).length;
  add('health.county-five-centres', '100% of county public hospitals', `${fiveCentres}/${countyPublic.length}`, fiveCentres === countyPublic.length);
  const keyPlaces = dataset.places.filter((p) => p.kind === 'disaster-prone-village' || p.kind === 'resettlement-site');
  const broadcast = reachedShare(keyPlaces, of('broadcast-terminal'), (f) => Number(f.properties.audible_radius_m));
  add('culture.broadcast-key-areas', '100% of disaster-prone villages and resettlement sites in earshot', `${broadcast.reached}/${broadcast.total} = ${pct(broadcast.reached, broadcast.total)}`, broadcast.reached === broadcast.total);
  const culture = townshipsWith(of('culture-centre'));
  add('culture.village-centres', 'a culture centre in every township', `${culture}/${townshipCount}`, culture === townshipCount);
  return figures;
}
