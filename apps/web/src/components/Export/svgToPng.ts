/** Browsers refuse canvases past about 16,384 px a side or a few hundred million pixels. */
const MAX_SIDE = 16_000;
const MAX_PIXELS = 100_000_000;

/**
 * Draws an SVG document onto a canvas `scale` times its size (less for a graph too big for a
 * canvas) and encodes it as PNG. The SVG is loaded as a data: URL (the dashboard's CSP allows
 * data: images), so the canvas stays clean.
 */
export async function svgToPng(svg: string, wanted = 2): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const { naturalWidth: width, naturalHeight: height } = image;
  const scale = Math.min(
    wanted,
    MAX_SIDE / width,
    MAX_SIDE / height,
    Math.sqrt(MAX_PIXELS / (width * height)),
  );
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext("2d");
  if (context === null) throw new Error("This browser cannot draw on a canvas, so no PNG.");
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) =>
        blob === null ? reject(new Error("The browser could not encode the PNG.")) : resolve(blob),
      "image/png",
    );
  });
}
