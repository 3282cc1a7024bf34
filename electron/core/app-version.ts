import packageJson from '../../package.json' with { type: 'json' };

export const applicationName = packageJson.productName;
export const applicationVersion = packageJson.version;
