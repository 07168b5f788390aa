import { readFileSync } from 'fs';
import { resolve } from 'path';

/** A fixture of src/__fixtures__ as text. */
export function readFixture(name: string): string {
  return readFileSync(resolve(__dirname, '../__fixtures__', name), 'utf8');
}

/** The text as a stream of chunks of `size` bytes, as a request body arrives. */
export async function* chunksOf(
  content: string | Buffer,
  size = 64 * 1024,
): AsyncGenerator<Buffer> {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  for (let start = 0; start < bytes.length; start += size) {
    yield bytes.subarray(start, start + size);
  }
}

/** The samples of a JTL without quoted fields, read with a plain split. */
export function splitSimpleJtl(text: string) {
  const [header, ...lines] = text.trim().split('\n');
  const columns = header.split(',');
  return lines.map(line => {
    const fields = line.split(',');
    const field = (name: string) => fields[columns.indexOf(name)];
    return {
      timeStamp: Number(field('timeStamp')),
      elapsed: Number(field('elapsed')),
      label: field('label'),
      success: field('success') === 'true',
    };
  });
}

/** The ceil(p/100 · n)-th smallest value: the nearest-rank percentile. */
export function nearestRank(values: number[], percentile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((percentile * sorted.length) / 100) - 1];
}
