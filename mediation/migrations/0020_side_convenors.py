"""Each side names its convenors, and a clearance names the convenor who gave it.

The name typed on clearances recorded before (`convenor`, free text) is kept as
`convenor_name`: nothing is lost, and those clearances read as they did.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mediation", "0019_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="side",
            name="convenors",
            field=models.ManyToManyField(
                blank=True,
                help_text=(
                    "Who clears outcome documents for this side: people of this process. A "
                    "side with no convenor named blocks every release."
                ),
                related_name="convened_sides",
                to="mediation.participant",
                verbose_name="convenors",
            ),
        ),
        migrations.RenameField(
            model_name="outcomeclearance", old_name="convenor", new_name="convenor_name"
        ),
        migrations.RenameField(
            model_name="historicaloutcomeclearance", old_name="convenor", new_name="convenor_name"
        ),
        migrations.AlterField(
            model_name="outcomeclearance",
            name="convenor_name",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="convenor's name as typed"
            ),
        ),
        migrations.AlterField(
            model_name="historicaloutcomeclearance",
            name="convenor_name",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="convenor's name as typed"
            ),
        ),
        migrations.AddField(
            model_name="outcomeclearance",
            name="convenor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="mediation.participant",
                verbose_name="convenor who cleared",
            ),
        ),
        migrations.AddField(
            model_name="historicaloutcomeclearance",
            name="convenor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="mediation.participant",
                verbose_name="convenor who cleared",
            ),
        ),
    ]
