// Types of generate-validators.mjs for the tests that import it.
import type { Ajv2020 } from 'ajv/dist/2020.js';

export interface SchemaEntry {
  file: string;
  validator: string;
  type: string;
}
export interface LoadedSchema extends SchemaEntry {
  schema: Record<string, unknown> & { $id: string; title: string };
}

export const SCHEMAS_DIR: string;
export const GENERATED_DIR: string;
export const SCHEMAS: SchemaEntry[];
export const AJV_OPTIONS: Record<string, unknown>;
export function stripAnnotations<T>(schema: T): T;
export function inlineLeafRefs<T>(schema: T): T;
export function readSchemas(): Promise<LoadedSchema[]>;
export function createAjv(schemas: LoadedSchema[], opts?: Record<string, unknown>): Ajv2020;
export function generate(): Promise<Map<string, string>>;
export function staleFiles(files: Map<string, string>): Promise<string[]>;
