import { OpenApiGeneratorV3, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

/** Builds the OpenAPI 3 document from the routes' own zod schemas. */
export function buildOpenApiDocument(registry: OpenAPIRegistry, serverUrl: string) {
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'partnerApiKey', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'rk_…',
    description:
      'A partner API key (freight platforms, employers, insurers), issued with scopes: verify, check, fields:*. Docs: docs/verification.md.',
  });
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'RoadCert API — 道路运输电子证照自助服务',
      version: '0.1.0',
      description: 'Errors carry a stable `code` (see shared/src/errors.ts) and a Chinese `message`.',
    },
    servers: [{ url: serverUrl }],
  });
}
