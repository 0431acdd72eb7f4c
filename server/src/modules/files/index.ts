export { fileRoutes, type FilesDeps } from './files.routes';
