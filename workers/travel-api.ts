// The travel-time part of the analysis worker's registry (analysis.worker.ts spreads it into its
// `api`): each facility's isochrones on demand, the catchment polygons, the speed tables (read,
// and edited: the prepared data is replaced by a copy whose road layer carries the new tables, so
// every cache keyed by the old one — coverage, rules, 2SFCA — answers afresh while the road graph,
// the grid and the unchanged modes' snaps are kept), and warming a mode's network up in advance.
import type { FacilityFilter, Reach } from '../src/core/coverage/coverage-types.ts';
import type { PreparedDataset } from '../src/core/prepare/prepare-dataset.ts';
import type { Result, RunOptions } from '../src/core/types.ts';
import { DEFAULT_MODE_SPEEDS, parseSpeedTables, type ModeSpeeds, type TravelMode } from '../src/core/network/travel-modes.ts';
import { catchmentPolygonsOf, facilityIsochronesOf, travelModeNetworkOf, travelModeOfReach } from '../src/core/network/travel-time-coverage-of-dataset.ts';
import type { Outcome, ProgressListener } from './protocol.ts';

export interface TravelHost {
  prepared(): PreparedDataset;
  replace(prepared: PreparedDataset): void;
  withRun<T>(requestId: number, onProgress: ProgressListener | undefined, work: (run: RunOptions) => T | Promise<T>): Promise<Outcome<T>>;
}

type TravelReach = Extract<Reach, { kind: 'travel-time' }>;

/** One facility's isochrones (largest band first) as GeoJSON text, with the facility's name. */
export interface FacilityIsochronesReply {
  facility: number;
  name: string;
  geojson: string;
  /** Area (km²) within each band, in the bands' order. */
  bands: { minutes: number; areaKm2: number }[];
}

/** The catchments as GeoJSON text (one feature per facility, id = its dataset index). */
export interface CatchmentsReply {
  geojson: string;
  count: number;
}

export function createTravelApi(host: TravelHost) {
  return {
    /** Isochrones of one facility at the given minutes (a bounded search from it alone). */
    facilityIsochrones(reach: TravelReach, facility: number, bands: number[], requestId: number): Promise<Outcome<FacilityIsochronesReply | null>> {
      return host.withRun(requestId, undefined, (run) => {
        const prepared = host.prepared();
        if (!prepared.dataset.roads || !(facility >= 0 && facility < prepared.dataset.facilities.length)) return null;
        const features = facilityIsochronesOf(prepared, travelModeOfReach(reach), facility, bands, run);
        return {
          facility,
          name: prepared.dataset.facilities[facility].name,
          geojson: JSON.stringify({ type: 'FeatureCollection', features: features.map((feature, id) => ({ ...feature, id })) }),
          bands: features.map((feature) => ({ ...feature.properties })),
        };
      });
    },
    /** Each selected facility's allocated area and served population within the reach, as polygons. */
    catchments(filter: FacilityFilter, reach: TravelReach, requestId: number, onProgress?: ProgressListener): Promise<Outcome<CatchmentsReply>> {
      return host.withRun(requestId, onProgress, (run) => {
        const features = catchmentPolygonsOf(host.prepared(), filter, reach, run);
        return { geojson: JSON.stringify({ type: 'FeatureCollection', features }), count: features.length };
      });
    },
    /** The speed tables in use (the defaults where none were edited); null without a road layer. */
    roadSpeeds(): Record<TravelMode, ModeSpeeds> | null {
      const roads = host.prepared().dataset.roads;
      return roads ? (roads.speeds ?? DEFAULT_MODE_SPEEDS) : null;
    },
    /** Edited speed tables (checked here too: the page's checks are not trusted); null restores the defaults. */
    async setRoadSpeeds(speeds: unknown): Promise<Result<true>> {
      const prepared = host.prepared();
      const roads = prepared.dataset.roads;
      if (!roads) return { ok: false, error: { code: 'no-roads', message: { zh: '没有道路网，无法设置速度', en: 'No road network: speeds cannot be set' } } };
      const parsed: Result<Record<TravelMode, ModeSpeeds>> = speeds === null ? { ok: true, value: DEFAULT_MODE_SPEEDS } : parseSpeedTables(speeds);
      if (!parsed.ok) return parsed;
      host.replace({ ...prepared, dataset: { ...prepared.dataset, roads: { ...roads, speeds: parsed.value } } });
      return { ok: true, value: true };
    },
    /** Builds the road graph and a mode's snaps ahead of the first travel-time request (idle time). */
    prepareTravelMode(mode: TravelMode, requestId: number): Promise<Outcome<boolean>> {
      return host.withRun(requestId, undefined, (run) => {
        const prepared = host.prepared();
        if (!prepared.dataset.roads) return false;
        travelModeNetworkOf(prepared, mode, run);
        return true;
      });
    },
  };
}
