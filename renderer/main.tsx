import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/fonts';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { I18nextProvider } from 'react-i18next';
import { createBrowserBridge } from './app/browserBridge';
import { injectedBridge, installBridge } from './app/bridge';
import { setupI18n } from './app/language';
import { createStore } from './app/store';
import { Root } from './app/Root';

/**
 * Start-up: find the bridge to the core — Electron's preload exposes `window.counterpart`; in browser
 * mode (no Electron) the loopback host's bridge is created — then the translations, the store, React.
 */
async function start(): Promise<void> {
  installBridge(injectedBridge() ?? (await createBrowserBridge()));
  const i18n = await setupI18n();
  document.documentElement.lang = i18n.language;
  const store = createStore();
  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(
    <StrictMode>
      <Provider store={store}>
        <I18nextProvider i18n={i18n}>
          <Root />
        </I18nextProvider>
      </Provider>
    </StrictMode>,
  );
}

void start();
