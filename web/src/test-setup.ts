// Before every unit test file: the app's modules in the registry, as app.tsx does.
import { registerModules } from './lib/registry';
import * as modules from './modules';

registerModules(Object.values(modules));
