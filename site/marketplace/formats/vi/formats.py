# Vietnam writes dates with slashes (02/12/2026), as Decree 30/2020 documents and every
# bank and form do; Django's Vietnamese locale has dashes. Other formats are Django's.
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
