package dev.portguard.actuate;

import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * The formats the {@code ports} endpoint produces: JSON for machines (the default), an HTML dashboard for browsers.
 */
public enum PortsFormat implements Producible<PortsFormat> {

	/**
	 * An HTML dashboard.
	 */
	HTML("text/html"),

	/**
	 * Plain JSON.
	 */
	JSON("application/json"),

	/**
	 * Actuator's own JSON media type, the default.
	 */
	ACTUATOR_JSON("application/vnd.spring-boot.actuator.v3+json") {

		@Override
		public boolean isDefault() {
			return true;
		}

	};

	private final MimeType mimeType;

	PortsFormat(String mimeType) {
		this.mimeType = MimeTypeUtils.parseMimeType(mimeType);
	}

	@Override
	public MimeType getProducedMimeType() {
		return this.mimeType;
	}

}
