// The rows a verifier sees live in shared/ (the server renders the same ones for `/v/<token>`).
export { claimFaceRows, verifiedFaceRows, type FaceRow } from '@roadcert/shared';
