/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import '@remix-run/node'
import { type LessonShell } from '#app/utils/page-cache.server.ts'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
	interface AppLoadContext {
		/** The client's address (Express req.ip), for sign-in throttling. */
		clientAddress?: string | null
		/** This response's Content-Security-Policy nonce (server.js), for Remix's inline scripts. */
		cspNonce?: string
		/** A lesson page rendered as a shell for a stand-in reader (app/utils/page-cache.server.ts). */
		lessonShell?: LessonShell
	}
}
