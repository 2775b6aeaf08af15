import localFont from "next/font/local";

/**
 * Twemoji (Mozilla's COLR build, as Element ships it; OFL-1.1, graphics CC-BY 4.0 by Twitter) for the SAS emoji,
 * so the seven pictures an auditor compares with an agent's look the same in every browser, and are pictures
 * at all where the system has no colour emoji font (Debian without fonts-noto-color-emoji shows empty boxes).
 * next/font serves it from this origin (/_next/static/media), never from a font CDN: the CSP allows only 'self'.
 * Fetched only when a SAS is on screen (no preload); the text waits for it rather than flash boxes.
 */
export const sasEmojiFont = localFont({
  src: "../../node_modules/twemoji-colr-font/twemoji.woff2",
  display: "block",
  preload: false,
  adjustFontFallback: false,
  fallback: ["Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", "sans-serif"],
});
