/** A membership's role, who the member represents and their term: adding a member and changing one share these fields. */
import { DateInput } from "~/components/govuk/date-input";
import { Radios, TextInput, type FormState } from "~/components/govuk/form";
import { KIND_LABELS, ROLE_LABELS } from "~/modules/meetings/format";
import { BOARD_MEMBER_KINDS, BOARD_MEMBER_ROLES } from "../../../../db/tables/boards";

export function MembershipFields({ form }: { form: FormState }) {
  return (
    <>
      <Radios form={form} name="role" label="Role" options={BOARD_MEMBER_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      <Radios form={form} name="kind" label="Represents" options={BOARD_MEMBER_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
      <TextInput form={form} name="organisation" label="Organisation or ward (optional)" />
      <DateInput form={form} name="termStart" label="Term starts" hint="For example, 1 5 2025" />
      <DateInput form={form} name="termEnd" label="Term ends (optional)" hint="For example, 1 5 2029" />
    </>
  );
}
