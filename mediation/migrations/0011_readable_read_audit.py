"""The read audit counts repeated reads and names what was read (see models.audit).

Events written before it stay one read each (times 1, last read = first read) and are
linked to the session and person they were about where those still exist, so the audit
names them as it names new ones.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, Substr

# object_type of the old rows -> (model, path from it to its session, to its person).
LINKS = {
    "mediation.dialoguesession": ("DialogueSession", "pk", None),
    "mediation.sessionrecord": ("SessionRecord", "session_id", None),
    "mediation.agendaitem": ("AgendaItem", "session_id", None),
    "mediation.actionitem": ("ActionItem", "session_id", None),
    "mediation.invitation": ("Invitation", "session_id", "participant_id"),
    "mediation.participant": ("Participant", None, "pk"),
    "mediation.consent": ("Consent", None, "participant_id"),
}
# object_type -> (model, how it is named) for what no session or person names.
LABELS = {
    "mediation.dialogueprocess": ("DialogueProcess", F("title")),
    "mediation.topic": ("Topic", F("title")),
    "mediation.side": ("Side", F("name")),
    "mediation.agendaitem": (
        "AgendaItem",
        Concat(Cast("position", CharField()), Value(". "), "title", output_field=CharField()),
    ),
    "mediation.actionitem": ("ActionItem", Substr("description", 1, 80)),
}


def name_old_events(apps, schema_editor):
    ReadEvent = apps.get_model("mediation", "ReadEvent")
    events = ReadEvent.objects.all()
    events.update(last_at=F("at"))

    def of(model, path):
        found = apps.get_model("mediation", model).objects.filter(pk=OuterRef("object_id"))
        return Subquery(found.values(path)[:1])

    for object_type, (model, to_session, to_person) in LINKS.items():
        rows = events.filter(object_type=object_type)
        if to_session:
            rows.update(session_id=of(model, to_session))
        if to_person:
            rows.update(participant_id=of(model, to_person))
    for object_type, (model, name) in LABELS.items():
        found = apps.get_model("mediation", model).objects.filter(pk=OuterRef("object_id"))
        label = Subquery(found.annotate(label=Substr(name, 1, 200)).values("label")[:1])
        events.filter(object_type=object_type).update(object_label=Coalesce(label, Value("")))


class Migration(migrations.Migration):

    dependencies = [
        ('mediation', '0010_session_publication'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='readevent',
            name='last_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='last read'),
        ),
        migrations.AddField(
            model_name='readevent',
            name='latest',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name='readevent',
            name='object_label',
            field=models.CharField(blank=True, max_length=200, verbose_name='label'),
        ),
        migrations.AddField(
            model_name='readevent',
            name='participant',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='mediation.participant', verbose_name='person'),
        ),
        migrations.AddField(
            model_name='readevent',
            name='session',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='mediation.dialoguesession', verbose_name='session'),
        ),
        migrations.AddField(
            model_name='readevent',
            name='times',
            field=models.PositiveIntegerField(default=1, verbose_name='times'),
        ),
        migrations.RunPython(name_old_events, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name='readevent',
            name='at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='first read'),
        ),
        migrations.AddIndex(
            model_name='readevent',
            index=models.Index(fields=['user', '-at'], name='mediation_r_user_id_82a903_idx'),
        ),
        migrations.AddIndex(
            model_name='readevent',
            index=models.Index(fields=['kind', '-at'], name='mediation_r_kind_7af6b8_idx'),
        ),
        migrations.AddConstraint(
            model_name='readevent',
            constraint=models.UniqueConstraint(condition=models.Q(('latest', True)), fields=('user', 'kind', 'object_type', 'object_id', 'process'), name='readevent_one_latest'),
        ),
        migrations.AddConstraint(
            model_name='readevent',
            constraint=models.UniqueConstraint(condition=models.Q(('latest', True), ('process__isnull', True)), fields=('user', 'kind', 'object_type', 'object_id'), name='readevent_one_latest_outside_processes'),
        ),
    ]
