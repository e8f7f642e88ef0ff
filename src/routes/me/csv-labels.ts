/** The CSV's headings in the user's language; field names stay as the data names them. */
import type { CsvLabels } from '$lib/client/screens/member-data';
import { m } from '$lib/paraglide/messages';

export function csvLabels(): CsvLabels {
	return {
		header: [m.me_csv_section(), m.me_csv_field(), m.me_csv_value()],
		sections: {
			about: m.me_csv_about(),
			member: m.me_csv_member(),
			account: m.me_csv_account(),
			signup: m.me_csv_signup(),
			transfer: m.me_csv_transfer()
		},
		field: (key) => key
	};
}
