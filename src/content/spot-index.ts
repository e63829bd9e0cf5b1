/** A rectangle in a scroll container's content coordinates (scroll offsets, CSS px). */
export interface View {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Where a far element was, in its scroll container's content. */
export interface Spot extends View {
  scroller: Element | Document;
}

/** Height of the bands far elements are filed under (CSS px of the scroller's content). */
const BAND = 1024;

interface Places {
  spots: Map<Element, Spot>;
  /** Band number -> the elements whose spot reaches into it. */
  bands: Map<number, Set<Element>>;
}

/**
 * Where far elements are, per scroll container, filed by vertical band: a scroll
 * looks only at the elements in the bands it brought near, not at every far
 * element (all 5,000 rows of a table, at every frame of a scroll: ≈2 ms a frame).
 */
export class SpotIndex {
  private readonly byScroller = new Map<Element | Document, Places>();

  /** How many scroll containers hold far elements. */
  get size(): number {
    return this.byScroller.size;
  }

  scrollers(): Array<Element | Document> {
    return [...this.byScroller.keys()];
  }

  /** The far elements of `scroller`, in the order they were filed. */
  spotsIn(scroller: Element | Document): ReadonlyMap<Element, Spot> {
    return this.byScroller.get(scroller)?.spots ?? new Map();
  }

  add(el: Element, spot: Spot): void {
    this.delete(el);
    let places = this.byScroller.get(spot.scroller);
    if (!places) {
      places = { spots: new Map(), bands: new Map() };
      this.byScroller.set(spot.scroller, places);
    }
    places.spots.set(el, spot);
    for (let b = bandOf(spot.top); b <= bandOf(spot.bottom); b++) {
      let band = places.bands.get(b);
      if (!band) {
        band = new Set();
        places.bands.set(b, band);
      }
      band.add(el);
    }
  }

  /** Forget `el`'s place; false if it had none. */
  delete(el: Element): boolean {
    for (const [scroller, places] of this.byScroller) {
      const spot = places.spots.get(el);
      if (!spot) continue;
      places.spots.delete(el);
      for (let b = bandOf(spot.top); b <= bandOf(spot.bottom); b++) {
        const band = places.bands.get(b);
        if (band?.delete(el) && band.size === 0) places.bands.delete(b);
      }
      if (places.spots.size === 0) this.byScroller.delete(scroller);
      return true;
    }
    return false;
  }

  /** The far elements of `scroller` whose spot may reach into its content between `top` and `bottom`. */
  between(scroller: Element | Document, top: number, bottom: number): Array<[Element, Spot]> {
    const places = this.byScroller.get(scroller);
    const out: Array<[Element, Spot]> = [];
    if (!places || top > bottom) return out;
    const seen = new Set<Element>();
    for (let b = bandOf(top); b <= bandOf(bottom); b++) {
      const band = places.bands.get(b);
      if (!band) continue;
      for (const el of band) {
        if (seen.has(el)) continue;
        seen.add(el);
        out.push([el, places.spots.get(el)!]);
      }
    }
    return out;
  }

  clear(): void {
    this.byScroller.clear();
  }
}

function bandOf(y: number): number {
  return Math.floor(y / BAND);
}
