import { withinOneEdit } from '../people/duplicates.rules.ts';

/**
 * Close names for the import preview (SPEC §8): a new person whose folded name is one edit from
 * someone of the same unit and birth year is flagged. Comparing each row with every earlier one
 * made a preview of 20,000 near-identical names take 46 s (issue 13); here a group's names live in
 * a trie searched with one edit allowed, so a row costs about its name's length times the
 * alphabet, whatever the group's size. Pure: no database, no clock.
 */

/** Someone a new row's name is compared with: a stored person (row null) or an earlier row. */
export interface NameHolder {
  id: number | null;
  row: number | null;
  nameFolded: string;
  fullName: string;
  birthDate: string;
}

/** Most close names a row is warned about. */
export const CLOSE_NAME_WARNINGS = 5;

/** Groups smaller than this are scanned (as cheap as a search); larger ones get a trie. */
const SCAN_LIMIT = 64;

interface Held {
  seq: number;
  holder: NameHolder;
}

/**
 * The holders of one folded name: of its first CLOSE_NAME_WARNINGS + 1 birth dates, the first
 * CLOSE_NAME_WARNINGS holders each. That is enough to answer exactly: the first n ≤ 5 holders of
 * a name whose birth date is not a given one are among the first n of each of its first n + 1
 * dates (every date and every holder before them would be an earlier answer).
 */
interface NameSlot {
  name: string;
  dates: { date: string; held: Held[] }[];
}

/** A trie of folded names in typed arrays (first child, next sibling, letter, slot). */
class NameTrie {
  private firstChild = new Int32Array(512).fill(-1);
  private nextSibling = new Int32Array(512).fill(-1);
  private letter = new Uint16Array(512);
  private slotOf = new Int32Array(512).fill(-1);
  nodes = 1;
  readonly slots: NameSlot[] = [];

  /** The slot of a name, created with its path if new. */
  slot(name: string): NameSlot {
    let node = 0;
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      let next = this.child(node, c);
      if (next < 0) {
        next = this.newNode(c);
        this.nextSibling[next] = this.firstChild[node] ?? -1;
        this.firstChild[node] = next;
      }
      node = next;
    }
    let index = this.slotOf[node] ?? -1;
    if (index < 0) {
      index = this.slots.length;
      this.slotOf[node] = index;
      this.slots.push({ name, dates: [] });
    }
    return this.slots[index] as NameSlot;
  }

  /**
   * The slots of every name within one insertion, deletion or substitution of `name` (itself
   * included): along the name's own path, each position tries the three edits and follows the
   * rest of the name exactly.
   */
  withinOneEdit(name: string): NameSlot[] {
    const found = new Set<number>();
    const take = (node: number) => {
      const index = node >= 0 ? (this.slotOf[node] ?? -1) : -1;
      if (index >= 0) found.add(index);
    };
    let node = 0;
    for (let i = 0; ; i++) {
      const c = i < name.length ? name.charCodeAt(i) : -1;
      for (let k = this.firstChild[node] ?? -1; k >= 0; k = this.nextSibling[k] ?? -1) {
        take(this.follow(k, name, i)); // a letter inserted before name[i]
        if (c >= 0 && this.letter[k] !== c) take(this.follow(k, name, i + 1)); // name[i] replaced
      }
      if (c < 0) {
        take(node); // the name itself
        break;
      }
      take(this.follow(node, name, i + 1)); // name[i] deleted
      node = this.child(node, c);
      if (node < 0) break;
    }
    return [...found].map((index) => this.slots[index] as NameSlot);
  }

  private child(node: number, c: number): number {
    for (let k = this.firstChild[node] ?? -1; k >= 0; k = this.nextSibling[k] ?? -1)
      if (this.letter[k] === c) return k;
    return -1;
  }

  private follow(node: number, name: string, from: number): number {
    for (let i = from; i < name.length && node >= 0; i++)
      node = this.child(node, name.charCodeAt(i));
    return node;
  }

  private newNode(c: number): number {
    if (this.nodes === this.letter.length) {
      const grow = <T extends Int32Array | Uint16Array>(from: T, fill: number): T => {
        const to = new (from.constructor as new (n: number) => T)(from.length * 2);
        to.fill(fill);
        to.set(from);
        return to;
      };
      this.firstChild = grow(this.firstChild, -1);
      this.nextSibling = grow(this.nextSibling, -1);
      this.letter = grow(this.letter, 0);
      this.slotOf = grow(this.slotOf, -1);
    }
    this.letter[this.nodes] = c;
    return this.nodes++;
  }
}

/**
 * The people of one unit and birth year that new rows are compared with, in the order they were
 * added (stored people first, then the file's rows in file order).
 */
export class CloseNameGroup {
  private seq = 0;
  /** The holders while the group is small; null once they moved to the trie. */
  private scanned: Held[] | null = [];
  /** Created only for a large group: 10,000 small groups with a trie each held 140 MB. */
  private trie: NameTrie | null = null;
  /** Holders kept (and trie nodes, a quarter each): what the group costs in memory. */
  weight = 0;

  add(holder: NameHolder): void {
    const held = { seq: this.seq++, holder };
    if (this.scanned) {
      this.scanned.push(held);
      this.weight += 1;
      if (this.scanned.length < SCAN_LIMIT) return;
      const all = this.scanned;
      const trie = new NameTrie();
      this.scanned = null;
      this.trie = trie;
      this.weight = 0;
      for (const h of all) this.keep(trie, h);
      return;
    }
    if (this.trie) this.keep(this.trie, held);
  }

  /**
   * The first `limit` (at most CLOSE_NAME_WARNINGS) holders, in the order they were added, whose
   * folded names are within one edit of `name`, leaving out those of the same name and birth
   * date (the same person, dealt with as a duplicate).
   */
  closest(name: string, birthDate: string, limit: number): NameHolder[] {
    if (this.scanned || !this.trie) {
      const out: NameHolder[] = [];
      for (const { holder } of this.scanned ?? []) {
        if (holder.nameFolded === name && holder.birthDate === birthDate) continue;
        if (!withinOneEdit(holder.nameFolded, name)) continue;
        out.push(holder);
        if (out.length >= limit) break;
      }
      return out;
    }
    const candidates: Held[] = [];
    for (const slot of this.trie.withinOneEdit(name))
      for (const { date, held } of slot.dates)
        if (slot.name !== name || date !== birthDate) candidates.push(...held);
    return candidates
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map((h) => h.holder);
  }

  private keep(trie: NameTrie, held: Held): void {
    const nodes = trie.nodes;
    const slot = trie.slot(held.holder.nameFolded);
    this.weight += (trie.nodes - nodes) / 4;
    const date = held.holder.birthDate;
    const bucket = slot.dates.find((d) => d.date === date);
    if (bucket) {
      if (bucket.held.length < CLOSE_NAME_WARNINGS) {
        bucket.held.push(held);
        this.weight += 1;
      }
    } else if (slot.dates.length <= CLOSE_NAME_WARNINGS) {
      slot.dates.push({ date, held: [held] });
      this.weight += 1;
    }
  }
}

/**
 * An import's groups by unit and birth year, kept between batches so a large group is read from
 * the database once, not once per batch. Bounded by `limit` (the groups' weight): past it the
 * least recently used groups are forgotten, to be read again if a later row needs them.
 */
export class CloseNameGroups {
  private readonly groups = new Map<string, CloseNameGroup>();
  private total = 0;

  constructor(private readonly limit: number) {}

  has(key: string): boolean {
    return this.groups.has(key);
  }

  /** The group of a key, marked as just used. */
  get(key: string): CloseNameGroup | undefined {
    const group = this.groups.get(key);
    if (group) {
      this.groups.delete(key);
      this.groups.set(key, group);
    }
    return group;
  }

  set(key: string, group: CloseNameGroup): void {
    this.total += group.weight - (this.groups.get(key)?.weight ?? 0);
    this.groups.delete(key);
    this.groups.set(key, group);
  }

  /** Adds a holder to a group that is present. */
  add(key: string, holder: NameHolder): void {
    const group = this.groups.get(key);
    if (!group) return;
    const before = group.weight;
    group.add(holder);
    this.total += group.weight - before;
  }

  /** Forgets the least recently used groups, except `keep`, while the weight passes the limit. */
  trim(keep: ReadonlySet<string>): void {
    for (const [key, group] of this.groups) {
      if (this.total <= this.limit) return;
      if (keep.has(key)) continue;
      this.groups.delete(key);
      this.total -= group.weight;
    }
  }
}
