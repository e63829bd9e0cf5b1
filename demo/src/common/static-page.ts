import { markReady } from './ready';

// Pages whose content is all in the HTML only need to say they are ready.
markReady();
