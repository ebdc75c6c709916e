// Types of scripts/schema-validators.mjs, for the unit test that checks the generated file is current.
export declare const SCHEMA_VALIDATORS_FILE: string;
export declare function schemaValidatorsCode(): string;
export declare function writeSchemaValidators(): boolean;
