import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
  // No viteFinal needed: Lit's decorators need experimentalDecorators and
  // useDefineForClassFields: false, and Vite's TypeScript transform takes
  // them from the nearest tsconfig.json (packages/elements/tsconfig.json sets
  // both). Checked: reactive properties re-render in the static build.
};

export default config;
