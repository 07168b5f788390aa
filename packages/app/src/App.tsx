import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';

/**
 * The portal's frontend. Plugins listed in package.json are discovered
 * automatically (`app.packages: all` in app-config.yaml); modules here only
 * customise the app shell.
 */
export default createApp({
  features: [navModule],
});
