ALTER TABLE `signatures` ADD `statement` text;--> statement-breakpoint
ALTER TABLE `signatures` ADD `statement_language` text;