import FulianCore
