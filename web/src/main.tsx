import { render } from 'preact';
import '@fontsource-variable/noto-sans/wght.css';
import '@utrecht/design-tokens/dist/theme.css';
import '@utrecht/component-library-css/dist/index.css';
// Plain HTML inside .utrecht-html (the knowledge base's rendered Markdown).
import '@utrecht/component-library-css/dist/html.css';
import './styles/app.css';
import { App } from './app';

render(<App />, document.getElementById('app')!);
