package com.xorstack.ailog.retention;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar ailog-service.jar --restore=<manifest>}: restores one archive and
 * exits (see {@code AilogServiceApplication}). The manifest is a local file, or else the
 * name of a manifest or partition in the archive store
 * ({@code --restore=ai_logs_p20260101}).
 */
@Component
@ConditionalOnProperty("restore")
class RestoreCommand implements ApplicationRunner {

	private final ArchiveRestorer restorer;

	RestoreCommand(ArchiveRestorer restorer) {
		this.restorer = restorer;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (String manifest : args.getOptionValues("restore")) {
			long rows = this.restorer.restore(manifest);
			System.out.printf("Restored %d rows from %s%n", rows, manifest);
		}
	}

}
