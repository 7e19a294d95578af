"""The documents issue #9 names as its proof, shared by the tests that scan them: the
Russian internal passport of ЗДРИЛЮК СЕРГЕЙ АНАТОЛЬЕВИЧ and the Belgian TD1 card whose
long number is checked with the filler included."""

RU_INTERNAL = (
    "PNRUSZDRIL7K<<SERGEQ<ANATOL9EVI3<<<<<<<<<<<<",
    "3919353498RUS7207233M<<<<<<<4151218910003<50",
)
BELGIAN = (
    "IDBEL000590240<6013<<<<<<<<<<<",
    "8512017F1311048BEL851201002007",
    "REINARTZ<<ULRIKE<KATIA<E<<<<<<",
)
