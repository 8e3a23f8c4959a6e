import '@kern-ux/native/dist/kern.min.css';
import '@kern-ux/native/dist/fonts/fira-sans.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createUserManager, loadClientConfig } from './auth/oidc';
import { LoginUnavailable } from './pages/status-pages';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  try {
    const userManager = createUserManager(await loadClientConfig());
    root.render(
      <StrictMode>
        <App userManager={userManager} />
      </StrictMode>,
    );
  } catch (error) {
    root.render(<LoginUnavailable detail={error instanceof Error ? error.message : String(error)} onRetry={() => window.location.reload()} />);
  }
}

void boot();
