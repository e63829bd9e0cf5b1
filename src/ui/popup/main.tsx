import { render } from 'preact';

render(
  <main>
    <h1>Sigilo</h1>
  </main>,
  document.getElementById('app')!,
);
