package dev.portguard.actuate;

import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * The formats the {@code ports} endpoint produces: JSON for machines (the default), an HTML dashboard for browsers.
 * <p>
 * Boot picks, among the types an {@code Accept} header names, the constant declared last, whatever the quality
 * values; HTML comes last so that a browser's {@code text/html,...,*}{@code /*;q=0.8} gets the dashboard, while
 * {@code *}{@code /*} alone or no {@code Accept} gets the default.
 */
public enum PortsFormat implements Producible<PortsFormat> {

	/**
	 * Actuator's own JSON media type, the default.
	 */
	ACTUATOR_JSON("application/vnd.spring-boot.actuator.v3+json") {

		@Override
		public boolean isDefault() {
			return true;
		}

	},

	/**
	 * Plain JSON.
	 */
	JSON("application/json"),

	/**
	 * An HTML dashboard.
	 */
	HTML("text/html");

	private final MimeType mimeType;

	PortsFormat(String mimeType) {
		this.mimeType = MimeTypeUtils.parseMimeType(mimeType);
	}

	@Override
	public MimeType getProducedMimeType() {
		return this.mimeType;
	}

}
