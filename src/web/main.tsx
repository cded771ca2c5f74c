import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './Root.js';
import { RouterProvider } from './router.js';
import { cssVariablesResolver, theme } from './theme.js';

// A page restored from the back-forward cache could show a chart after sign-out; load it afresh instead.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <RouterProvider>
        <Root />
      </RouterProvider>
    </MantineProvider>
  </StrictMode>,
);
