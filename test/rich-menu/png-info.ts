/** The facts of a PNG file a test needs, read from its bytes. */
export interface PngInfo {
  width: number;
  height: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Checks the 8-byte signature and reads width and height from the IHDR chunk, which must come first. */
export function readPngInfo(png: Buffer): PngInfo {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: wrong signature');
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG: the first chunk is not IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
