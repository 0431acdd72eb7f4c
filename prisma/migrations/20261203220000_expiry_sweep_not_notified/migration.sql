-- The daily expiry job (modules/certificates/expire.ts) moves VALID certificates past their
-- validity end to EXPIRED. Every reader already derives that from the dates (effectiveStatus,
-- the status list's build), so the move changes nothing any process caches: announcing it made
-- every process drop its status list and scan its verifier cache once per certificate swept.
-- The sweep alone is therefore not announced; any other change in the same update still is.
DROP TRIGGER "Certificate_notify_update" ON "Certificate";

CREATE TRIGGER "Certificate_notify_update" AFTER UPDATE ON "Certificate"
  FOR EACH ROW
  WHEN (
    (NEW."status" IS DISTINCT FROM OLD."status" AND NOT (OLD."status" = 'VALID' AND NEW."status" = 'EXPIRED'))
    OR NEW."validUntil" IS DISTINCT FROM OLD."validUntil"
    OR NEW."validFrom" IS DISTINCT FROM OLD."validFrom"
    OR NEW."presentationEpoch" IS DISTINCT FROM OLD."presentationEpoch"
    OR NEW."carrier" IS DISTINCT FROM OLD."carrier"
    OR NEW."activatedAt" IS DISTINCT FROM OLD."activatedAt"
    OR NEW."statusIndex" IS DISTINCT FROM OLD."statusIndex"
    OR NEW."numberMasked" IS DISTINCT FROM OLD."numberMasked"
    OR NEW."typeCode" IS DISTINCT FROM OLD."typeCode"
    OR NEW."holderId" IS DISTINCT FROM OLD."holderId"
  )
  EXECUTE FUNCTION "roadcert_notify_certificate"();
