package dev.portguard.testsupport;

import java.util.List;
import java.util.Locale;

/**
 * The C library's own words for the three bind errors, in the languages many Spring developers run their desktops
 * in. Copied from the GNU C Library's message catalogues as Debian 12 ships them (glibc 2.36, package
 * {@code libc-l10n} 2.36-9+deb12u14, {@code /usr/share/locale/<language>/LC_MESSAGES/libc.mo}, the translations of
 * the messages {@code "Address already in use"}, {@code "Cannot assign requested address"} and
 * {@code "Permission denied"}); the JDK's {@code BindException} carries exactly these texts in that locale.
 */
public final class LibcCatalogues {

	/**
	 * One language's texts.
	 *
	 * @param language the catalogue's language
	 * @param inUse the text of EADDRINUSE
	 * @param notAvailable the text of EADDRNOTAVAIL
	 * @param permissionDenied the text of EACCES
	 */
	public record Catalogue(String language, String inUse, String notAvailable, String permissionDenied) {

		@Override
		public String toString() {
			return this.language;
		}

	}

	/**
	 * Every language.
	 */
	public static final List<Catalogue> ALL = List.of(
			new Catalogue("de", "Die Adresse wird bereits verwendet", "Die angeforderte Adresse kann nicht zugewiesen werden",
					"Keine Berechtigung"),
			new Catalogue("fr", "Adresse déjà utilisée", "Ne peut attribuer l'adresse demandée",
					"Permission non accordée"),
			new Catalogue("ja", "アドレスは既に使用中です", "要求アドレスに割り当てられません",
					"許可がありません"),
			new Catalogue("pt_BR", "Endereço já em uso", "Não foi possível acessar o endereço requisitado",
					"Permissão negada"),
			new Catalogue("zh_CN", "地址已在使用", "无法指定被请求的地址",
					"权限不够"),
			new Catalogue("zh_TW", "位址已經有在使用", "無法指定所需的位址",
					"拒絕不符權限的操作"),
			new Catalogue("es", "La dirección ya se está usando", "No se puede asignar la dirección solicitada",
					"Permiso denegado"),
			new Catalogue("it", "Indirizzo già in uso", "Impossibile assegnare l'indirizzo richiesto",
					"Permesso negato"),
			new Catalogue("ru", "Адрес уже используется", "Невозможно назначить запрошенный адрес",
					"Отказано в доступе"),
			new Catalogue("uk", "Адресу вже використано", "Не вдалося призначити вказану адресу",
					"Відмовлено у доступі"),
			new Catalogue("pl", "Adres jest już w użyciu", "Nie można przypisać żądanego adresu",
					"Brak dostępu"),
			new Catalogue("cs", "Adresa je užívána", "Požadovanou adresu nelze přiřadit",
					"Operace zamítnuta"),
			new Catalogue("nl", "Adres is al in gebruik", "Kan verzochte adres niet toewijzen",
					"Toegang geweigerd"),
			new Catalogue("sv", "Adressen redan upptagen", "Kan inte tilldela begärd adress",
					"Åtkomst nekas"),
			new Catalogue("tr", "Adres zaten kullanımda", "İstenen adres bulunamıyor",
					"Erişim engellendi"),
			new Catalogue("ko", "주소가 이미 사용 중입니다", "요청한 주소를 배정할 수 없습니다",
					"허가 거부"),
			new Catalogue("vi", "Địa chỉ đang được dùng", "Không thể gán địa chỉ đã yêu cầu",
					"Không đủ quyền truy cập"));

	private LibcCatalogues() {
	}

	/**
	 * Return the catalogue of a locale such as {@code de_DE.UTF-8}.
	 * @param locale the locale
	 * @return its catalogue
	 */
	public static Catalogue of(String locale) {
		String name = locale.split("\\.")[0];
		String language = name.substring(0, 2).toLowerCase(Locale.ROOT);
		return ALL.stream()
			.filter((catalogue) -> catalogue.language().equals(name) || catalogue.language().equals(language))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No catalogue for " + locale));
	}

}
