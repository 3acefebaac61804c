// The web app's modules, one line each: each declares its pages in pages/<m>/module.tsx
// (lib/registry.ts says what a declaration holds). A new module adds its line here;
// the order of the lines does not matter (the menu has its own: each entry's `order`).
export { account } from './pages/account/module';
export { admin } from './pages/admin/module';
export { cases } from './pages/cases/module';
export { knowledge } from './pages/knowledge/module';
export { receipts } from './pages/receipts/module';
export { report } from './pages/report/module';
export { sensemaking } from './pages/sensemaking/module';
export { start } from './pages/start/module';
export { stories } from './pages/stories/module';
export { usage } from './pages/usage/module';
