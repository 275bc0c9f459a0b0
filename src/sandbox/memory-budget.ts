/**
 * The cell's memory budget for binary data: MEMORY_BUDGET_BYTES of ArrayBuffers and typed arrays alive at once.
 * Past it, the allocation throws "out of memory" at once — on any machine, however fast it would have reached the
 * engine's own limit. (Ordinary objects and arrays live in the JavaScript heap, which no page can cap: a cell that
 * fills it crashes the sandbox's process, and the page reports that as out of memory too, only later.)
 */

export const MEMORY_BUDGET_BYTES = 1024 * 1024 * 1024;

export class OutOfMemory extends RangeError {
  constructor(bytes: number) {
    super(
      `out of memory: this allocation of ${mb(bytes)} would take the cell past its budget of ${mb(MEMORY_BUDGET_BYTES)} of ArrayBuffers and typed arrays`,
    );
    this.name = 'RangeError';
  }
}

const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;

const CONSTRUCTORS = [
  'ArrayBuffer',
  'SharedArrayBuffer',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'Float16Array',
] as const;

/** Bytes a constructor call will allocate, when it allocates fresh memory (a view on an existing buffer does not). */
function bytesFor(name: string, ctor: { BYTES_PER_ELEMENT?: number }, args: unknown[]): number {
  const [first] = args;
  if (name.endsWith('ArrayBuffer')) return Math.max(0, Number(first) || 0);
  const per = ctor.BYTES_PER_ELEMENT ?? 1;
  if (typeof first === 'number') return Math.max(0, first) * per;
  if (first instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && first instanceof SharedArrayBuffer)) return 0;
  const length = (first as { length?: unknown } | null)?.length;
  return typeof length === 'number' ? length * per : 0;
}

/**
 * Replaces the global binary-data constructors with counting ones. Memory is given back when the garbage collector
 * frees an object (FinalizationRegistry), so a cell that allocates and drops buffers in turn stays within budget.
 */
export function installMemoryBudget(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  let live = 0;
  const freed = new FinalizationRegistry<number>((bytes) => (live -= bytes));
  for (const name of CONSTRUCTORS) {
    const original = g[name] as (new (...a: unknown[]) => object) & { BYTES_PER_ELEMENT?: number };
    if (typeof original !== 'function') continue;
    g[name] = new Proxy(original, {
      construct(target, args, newTarget) {
        const bytes = bytesFor(name, target, args);
        if (bytes > 0 && live + bytes > MEMORY_BUDGET_BYTES) throw new OutOfMemory(bytes);
        const made = Reflect.construct(target, args, newTarget) as object;
        if (bytes > 0) {
          live += bytes;
          freed.register(made, bytes);
        }
        return made;
      },
    });
  }
}
