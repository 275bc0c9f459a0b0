/** The Python sources of the runtime are bundled as text (esbuild loader 'text', see src/node/pipeline/sandbox-bundle.ts). */
declare module '*.py' {
  const text: string;
  export default text;
}
