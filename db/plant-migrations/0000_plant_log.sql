CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"node_id" text,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolment_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"terminal_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by_node" text
);
--> statement-breakpoint
CREATE TABLE "log_checkpoints" (
	"node_id" text NOT NULL,
	"checkpoint_seq" bigint NOT NULL,
	"audit_seq" bigint NOT NULL,
	"audit_hash" text NOT NULL,
	"at_utc" text NOT NULL,
	"terminal_id" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	"upload_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_checkpoints_node_id_checkpoint_seq_pk" PRIMARY KEY("node_id","checkpoint_seq")
);
--> statement-breakpoint
CREATE TABLE "log_entries" (
	"node_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"at_utc" text NOT NULL,
	"user_id" text,
	"user_name" text,
	"terminal_id" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"old_value" text,
	"new_value" text,
	"reason" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"upload_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_entries_node_id_seq_pk" PRIMARY KEY("node_id","seq")
);
--> statement-breakpoint
CREATE TABLE "log_signatures" (
	"node_id" text NOT NULL,
	"id" text NOT NULL,
	"audit_seq" bigint NOT NULL,
	"record_type" text NOT NULL,
	"record_id" text NOT NULL,
	"meaning" text NOT NULL,
	"signer_user_id" text NOT NULL,
	"signer_username" text NOT NULL,
	"signer_name" text NOT NULL,
	"signed_at_utc" text NOT NULL,
	"time_zone" text NOT NULL,
	"terminal_id" text NOT NULL,
	"content_hash" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	"upload_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_signatures_node_id_id_pk" PRIMARY KEY("node_id","id")
);
--> statement-breakpoint
CREATE TABLE "node_keys" (
	"node_id" text NOT NULL,
	"terminal_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"public_key_pem" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "node_keys_node_id_fingerprint_pk" PRIMARY KEY("node_id","fingerprint")
);
--> statement-breakpoint
CREATE TABLE "nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"public_key_pem" text NOT NULL,
	"fingerprint" text NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"last_contact_at" timestamp with time zone,
	"last_clock_skew_ms" bigint,
	"reported_head_seq" bigint,
	CONSTRAINT "nodes_fingerprint_unique" UNIQUE("fingerprint")
);
--> statement-breakpoint
CREATE TABLE "quarantine" (
	"id" text PRIMARY KEY NOT NULL,
	"node_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL,
	"message" text NOT NULL,
	"seq" bigint,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_identity" (
	"id" integer PRIMARY KEY NOT NULL,
	"public_key_pem" text NOT NULL,
	"fingerprint" text NOT NULL,
	"sealed_private_key" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"node_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"terminal_time" text NOT NULL,
	"clock_skew_ms" bigint NOT NULL,
	"first_seq" bigint NOT NULL,
	"last_seq" bigint NOT NULL,
	"entries" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "log_checkpoints" ADD CONSTRAINT "log_checkpoints_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_entries" ADD CONSTRAINT "log_entries_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_signatures" ADD CONSTRAINT "log_signatures_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_keys" ADD CONSTRAINT "node_keys_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "log_entries_entity" ON "log_entries" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "log_entries_at" ON "log_entries" USING btree ("at_utc");