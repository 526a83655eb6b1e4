// The three Noto families, bundled by Vite from @fontsource (no CDN; DESIGN §5 CSP: font-src 'self').
// Each CSS file declares its subsets with unicode-range, so the browser only loads what a page uses.
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-myanmar/400.css';
import '@fontsource/noto-sans-myanmar/700.css';
import '@fontsource/noto-sans-thai/400.css';
import '@fontsource/noto-sans-thai/700.css';
