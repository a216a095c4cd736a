// The people builders live in the app (the demo seed uses them too); tests import them here.
export * from '#app/modules/people/builders.server.ts'
