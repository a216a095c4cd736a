/** Remix classic compiler configuration. See docs/decisions/001-classic-compiler.md. */
// REMIX_BUILD_DIR puts a build elsewhere (the HTTP tests build their own; server.js reads it too).
const buildDir = process.env.REMIX_BUILD_DIR

/** @type {import('@remix-run/dev').AppConfig} */
export default {
	ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
	serverModuleFormat: 'esm',
	serverPlatform: 'node',
	...(buildDir
		? { serverBuildPath: `${buildDir}/index.js`, assetsBuildDirectory: `${buildDir}/public` }
		: {}),
	// Native or self-locating packages must stay external to the server bundle
	// (see STACK-NOTES pitfalls 1 and 4).
	serverDependenciesToBundle: [],
	future: {
		v3_fetcherPersist: true,
		v3_relativeSplatPath: true,
		v3_throwAbortReason: true,
		v3_singleFetch: true,
		v3_lazyRouteDiscovery: true,
	},
}
