export * from './codecs.js';
export {
  type FieldInfo,
  type Infer,
  type InferIn,
  type StructIn,
  StructLayout,
  type StructOut,
  struct,
} from './struct.js';
export { readUuid, uuidBytes, ZERO_UUID } from './text.js';
