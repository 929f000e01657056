import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Token revocation and hashed calendar-feed tokens (issue 6): a per-user token generation that
 * every access token carries, a table of signed-out tokens, and only a SHA-256 of feed tokens.
 */
export class SecurityHardening1796000000000 implements MigrationInterface {
  name = 'SecurityHardening1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "token_generation" integer NOT NULL DEFAULT 0`);
    // Feed tokens are now derived from a per-user nonce and a server key; URLs issued before this
    // migration stop working and are reissued on next use (calendarFeedUrl).
    await queryRunner.query(`ALTER TABLE "users" ADD "calendar_token_hash" character(64)`);
    await queryRunner.query(`ALTER TABLE "users" ADD "calendar_feed_nonce" character varying(43)`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_calendar_token_key"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "calendar_token"`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "users_calendar_token_hash_key" UNIQUE ("calendar_token_hash")`);
    await queryRunner.query(`
      CREATE TABLE "revoked_tokens" (
        "jti" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "revoked_tokens_pkey" PRIMARY KEY ("jti"),
        CONSTRAINT "revoked_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX "revoked_tokens_expires_at_idx" ON "revoked_tokens" ("expires_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "revoked_tokens"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_calendar_token_hash_key"`);
    // Feed URLs are reissued on next use.
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "calendar_feed_nonce"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "calendar_token_hash"`);
    await queryRunner.query(`ALTER TABLE "users" ADD "calendar_token" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "users_calendar_token_key" UNIQUE ("calendar_token")`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_generation"`);
  }
}
