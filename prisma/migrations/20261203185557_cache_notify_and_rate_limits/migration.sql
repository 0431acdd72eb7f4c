-- Several server processes on one PostgreSQL (docs/deployment.md). Written by hand.
--
-- 1. Change notifications for per-process caches (server/src/db/notify.ts): a change to what
--    the verifier, the status list or the key list cache is announced on channel
--    "roadcert_cache" by a trigger, so the NOTIFY is part of the changing transaction (sent at
--    commit, never for a rolled-back change) whatever code path made it.
--    Payloads: "s:<certificate id>" (status or validity end: the status list changes too),
--    "c:<certificate id>" (other state the verifier reads), "k" (signing keys).
CREATE FUNCTION "roadcert_notify_certificate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('roadcert_cache', 's:' || OLD."id");
    RETURN OLD;
  END IF;
  IF NEW."status" IS DISTINCT FROM OLD."status" OR NEW."validUntil" IS DISTINCT FROM OLD."validUntil" THEN
    PERFORM pg_notify('roadcert_cache', 's:' || NEW."id");
  ELSE
    PERFORM pg_notify('roadcert_cache', 'c:' || NEW."id");
  END IF;
  RETURN NEW;
END $$;

-- WHEN keeps every other update (re-encryption, re-indexing, imports' unchanged rows) free of
-- the trigger: the condition is checked in C before any function call.
CREATE TRIGGER "Certificate_notify_update" AFTER UPDATE ON "Certificate"
  FOR EACH ROW
  WHEN (
    NEW."status" IS DISTINCT FROM OLD."status"
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

CREATE TRIGGER "Certificate_notify_delete" AFTER DELETE ON "Certificate"
  FOR EACH ROW EXECUTE FUNCTION "roadcert_notify_certificate"();

-- The verifier shows the holder's (masked) name: a corrected name reaches every cached state.
CREATE FUNCTION "roadcert_notify_holder"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('roadcert_cache', 'c:' || c."id") FROM "Certificate" c WHERE c."holderId" = NEW."id";
  RETURN NEW;
END $$;

CREATE TRIGGER "Holder_notify_update" AFTER UPDATE ON "Holder"
  FOR EACH ROW
  WHEN (NEW."name" IS DISTINCT FROM OLD."name" OR NEW."kind" IS DISTINCT FROM OLD."kind")
  EXECUTE FUNCTION "roadcert_notify_holder"();

-- A key published or retired by one process (rotation) reaches every key list at once.
CREATE FUNCTION "roadcert_notify_signing_key"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('roadcert_cache', 'k');
  RETURN NULL;
END $$;

CREATE TRIGGER "SigningKey_notify" AFTER INSERT OR UPDATE OR DELETE ON "SigningKey"
  FOR EACH STATEMENT EXECUTE FUNCTION "roadcert_notify_signing_key"();

-- 2. Rate limits shared by every process (server/src/lib/rate-limit-postgres.ts): one counter
--    per key and fixed window, raised by one atomic upsert. UNLOGGED: counters are not worth
--    WAL or a replica; a crash that empties the table only forgives the current windows.
CREATE UNLOGGED TABLE "RateLimitWindow" (
    "key" VARCHAR(200) NOT NULL,
    "count" INTEGER NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "RateLimitWindow_expiresAt_idx" ON "RateLimitWindow"("expiresAt");
