/** A QR code drawn as a grid of views from `qrRows` (utils/qr.ts): crisp at any size, no canvas. */
Component({
  properties: {
    rows: { type: Array, value: [] },
  },
});
