// The Content-Security-Policy nonce of the response being rendered, for Remix's inline scripts.
// Only the server render knows it; in the browser it is '' (browsers hide nonce attributes).
import { createContext, useContext } from 'react'

export const NonceContext = createContext('')

export function useNonce(): string {
	return useContext(NonceContext)
}
