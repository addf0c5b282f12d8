// The straight segments of a road graph's edge polylines, with a bucket index, for snapping points
// onto the edges (snap-to-network.ts keeps one per road graph; a mode leaves out its closed roads).
import { bucketSegments, type SegmentBuckets } from './bucket-segments.ts';
import type { RoadGraph } from './build-road-graph.ts';

export interface EdgeSegments {
  /** Segment s lies on edge segmentEdge[s], starting segmentOffset[s] projected metres from the edge's start. */
  segmentEdge: Uint32Array;
  segmentOffset: Float64Array;
  /** Segment s runs from (segmentEnds[4s], segmentEnds[4s + 1]) to (segmentEnds[4s + 2], segmentEnds[4s + 3]). */
  segmentEnds: Float64Array;
  /** Projected length of each edge's polyline. */
  edgeProjectedLength: Float64Array;
  segmentBuckets: SegmentBuckets;
}

/** Every edge's segments, in edge order then along each edge. */
export function edgeSegments(road: RoadGraph): EdgeSegments {
  const E = road.edgeCount;
  const { geometryStart, geometryX, geometryY } = road;
  let segmentCount = 0;
  for (let e = 0; e < E; e++) segmentCount += geometryStart[e + 1] - geometryStart[e] - 1;
  const segmentEdge = new Uint32Array(segmentCount);
  const segmentOffset = new Float64Array(segmentCount);
  const edgeProjectedLength = new Float64Array(E);
  const segmentEnds = new Float64Array(4 * segmentCount);
  let s = 0;
  for (let e = 0; e < E; e++) {
    let offset = 0;
    for (let g = geometryStart[e]; g < geometryStart[e + 1] - 1; g++, s++) {
      segmentEdge[s] = e;
      segmentOffset[s] = offset;
      segmentEnds[4 * s] = geometryX[g];
      segmentEnds[4 * s + 1] = geometryY[g];
      segmentEnds[4 * s + 2] = geometryX[g + 1];
      segmentEnds[4 * s + 3] = geometryY[g + 1];
      offset += Math.hypot(geometryX[g + 1] - geometryX[g], geometryY[g + 1] - geometryY[g]);
    }
    edgeProjectedLength[e] = offset;
  }
  return { segmentEdge, segmentOffset, segmentEnds, edgeProjectedLength, segmentBuckets: bucketSegments(segmentEnds, segmentCount) };
}
