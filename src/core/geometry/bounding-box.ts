// Bounding boxes of GeoJSON-style coordinates: the one loop every extent in the app and the
// workers goes through. Coordinates nest to any depth (a Position, a ring, a polygon, …).

/** [west, south, east, north] in the coordinates' own units (degrees for lon/lat). */
export type BoundingBox = [number, number, number, number];

/** A box that contains nothing; `extendBoundingBox` grows it. */
export function emptyBoundingBox(): BoundingBox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

/** Grows `box` (in place) by every position in `coordinates`; returns the number of positions visited. */
export function extendBoundingBox(box: BoundingBox, coordinates: unknown): number {
  if (!Array.isArray(coordinates) || coordinates.length === 0) return 0;
  if (typeof coordinates[0] === 'number') {
    const x = coordinates[0];
    const y = coordinates[1] as number;
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
    return 1;
  }
  let count = 0;
  for (const item of coordinates) count += extendBoundingBox(box, item);
  return count;
}

/** The box of points given as coordinate arrays (typed arrays of a point table or the cells), or undefined for none. */
export function boundingBoxOfPoints(x: ArrayLike<number>, y: ArrayLike<number>): BoundingBox | undefined {
  const box = emptyBoundingBox();
  for (let i = 0; i < x.length; i++) {
    if (x[i] < box[0]) box[0] = x[i];
    if (y[i] < box[1]) box[1] = y[i];
    if (x[i] > box[2]) box[2] = x[i];
    if (y[i] > box[3]) box[3] = y[i];
  }
  return finiteBoundingBox(box);
}

/** The box, or undefined when nothing was added to it. */
export function finiteBoundingBox(box: BoundingBox): BoundingBox | undefined {
  return Number.isFinite(box[0]) && Number.isFinite(box[1]) ? box : undefined;
}

/** The union of boxes, or undefined for none. */
export function unionBoundingBoxes(boxes: readonly BoundingBox[]): BoundingBox | undefined {
  const box = emptyBoundingBox();
  for (const other of boxes) {
    if (other[0] < box[0]) box[0] = other[0];
    if (other[1] < box[1]) box[1] = other[1];
    if (other[2] > box[2]) box[2] = other[2];
    if (other[3] > box[3]) box[3] = other[3];
  }
  return finiteBoundingBox(box);
}

/** Whether two boxes share any point (touching edges count). */
export function boundingBoxesIntersect(a: BoundingBox, b: BoundingBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Whether `inner` lies wholly inside `outer` (edges may touch). */
export function boundingBoxContains(outer: BoundingBox, inner: BoundingBox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}

/** The box grown by `fraction` of its width and height on every side. */
export function padBoundingBox(box: BoundingBox, fraction: number): BoundingBox {
  const dx = (box[2] - box[0]) * fraction;
  const dy = (box[3] - box[1]) * fraction;
  return [box[0] - dx, box[1] - dy, box[2] + dx, box[3] + dy];
}
